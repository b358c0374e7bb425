// Types of ./http-edge.mjs (plain JavaScript, run by scripts/server.mjs without a build step).
export declare const MAX_BODY_BYTES: number;
export declare function refuseAtEdge(
  req: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> },
  opts?: { trustProxy?: boolean },
): { status: 400 | 403 | 411 | 413; message: string } | null;
export declare function newNonce(): string;
export declare function contentSecurityPolicy(nonce: string, opts?: { https?: boolean }): string;
export declare function transportSecurity(opts?: { https?: boolean }): string | null;
export declare function malformedActionBody(body: Buffer, contentType?: string): Promise<string | null>;
