/**
 * The body gzipped: the bytes themselves once a kept body's gzip is made, else a promise of them
 * (`kept`: the body is given again unchanged while it holds, DirectAnswer.kept).
 */
export declare function gzipOf(body: Uint8Array, kept?: boolean): Buffer | Promise<Buffer>;
