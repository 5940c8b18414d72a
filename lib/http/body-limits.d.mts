/** Room for a multipart body's boundaries and small fields besides its file. */
export declare const MULTIPART_OVERHEAD: number;
export declare const JSON_LIMIT: number;
/** A multipart upload's limit (BERTH_MAX_UPLOAD, 500 MB by default). */
export declare function uploadLimit(): number;
/** The limit for a request, or null when it has no body to limit (GET, HEAD …). */
export declare function bodyLimit(method: string | undefined, url: string | undefined, contentType: string | undefined): { limit: number; streamed: boolean } | null;
/** "1 MB", "500 MB" … for messages. */
export declare function sizeText(bytes: number): string;
