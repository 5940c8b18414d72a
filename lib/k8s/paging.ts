// Reading a LIST in pages (limit + continue) so a large cluster never comes back in one response.
export const PAGE = 500;

interface Page<T> {
  items: T[];
  metadata?: { _continue?: string };
}

/** Visits every item of a LIST in pages of `PAGE`, never holding more than one page. */
export async function forEachPage<T>(list: (cont: string | undefined) => Promise<Page<T>>, visit: (items: T[]) => void) {
  let cont: string | undefined;
  do {
    const page = await list(cont);
    visit(page.items);
    cont = page.metadata?._continue || undefined;
  } while (cont);
}
