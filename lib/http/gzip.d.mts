/**
 * The body gzipped: the bytes themselves once a kept body's gzip is made, else a promise of them
 * (`kept`: the body is given again unchanged while it holds, DirectAnswer.kept).
 */
export declare function gzipOf(body: Uint8Array, kept?: boolean): Buffer | Promise<Buffer>;

/** Whether a client's Accept-Encoding takes gzip rather than the body as it is (q-values read: `gzip;q=0` refuses it). */
export declare function acceptsGzip(header: string | undefined): boolean;
