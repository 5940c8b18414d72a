/** The header Berth's server sets on every request (any value a client sent is replaced). */
export declare const CLIENT_IP_HEADER = "x-berth-client-ip";
/** The client's address: the peer, or what the outermost of `trustedProxies` trusted proxies saw. */
export declare function clientAddress(forwardedFor: string | string[] | undefined, peer: string | undefined, trustedProxies: number): string;
