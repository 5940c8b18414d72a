// A value now, or a promise of it: what a cache answers without waiting once its value is
// there (lib/memo.ts). A request whose person, access and page are all remembered is answered
// in the turn that read it, with no promise made: under load each promise costs (Next keeps
// async hooks on, which see every one), and a pods page made ~20 of them.

export type Maybe<T> = T | Promise<T>;

/**
 * `f` of `x`: at once when `x` is a value, when it settles when it is a promise. (Not named
 * `then`: a module exporting `then` is a thenable to `import()`.)
 */
export function andThen<T, U>(x: Maybe<T>, f: (value: T) => Maybe<U>): Maybe<U> {
  return x instanceof Promise ? x.then(f) : f(x);
}

/** What `f` gives, as a promise: one that rejects when `f` throws at once, as a refusal given at once does. */
export function promised<T>(f: () => Maybe<T>): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e);
  }
}
