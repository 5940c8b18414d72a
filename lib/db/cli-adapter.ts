// Driver adapter for the Prisma CLI only (migrate deploy/diff/status). The native
// schema engine cannot be downloaded here, so the CLI runs Prisma's WASM engine
// over @prisma/adapter-pg; two known bugs of that pair are handled below
// (../shared/docs/prisma-offline.md).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// 1. The WASM engine arms 10 s / 60 s timers it never clears, so the CLI would
//    hang after finishing. Long timers must not keep the process alive.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = realSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 5000) t.unref();
  return t;
}) as typeof setTimeout;

// 2. The engine's introspection reads catalog columns whose types the adapter
//    cannot decode ("Column type 'name' could not be deserialized"). Report them
//    to the adapter as text / text[].
const TEXT = 25;
const TEXT_ARRAY = 1009;
// "char", name, int2vector, regproc, xid, oidvector, pg_node_tree, aclitem, regclass, regtype, pg_lsn
const CATALOG_SCALARS = new Set([18, 19, 22, 24, 28, 30, 194, 1033, 2205, 2206, 3220]);
// and their arrays
const CATALOG_ARRAYS = new Set([1002, 1003, 1006, 1008, 1011, 1013, 1034, 2210, 2211, 3221]);
const parseTextArray = pg.types.getTypeParser(TEXT_ARRAY as Parameters<typeof pg.types.getTypeParser>[0]);

type Field = { dataTypeID: number };
type Result = { fields?: Field[]; rows?: unknown[][] };

function asText(res: Result): Result {
  res.fields?.forEach((f, i) => {
    if (CATALOG_SCALARS.has(f.dataTypeID)) f.dataTypeID = TEXT;
    else if (CATALOG_ARRAYS.has(f.dataTypeID)) {
      f.dataTypeID = TEXT_ARRAY;
      for (const row of res.rows ?? []) {
        if (Array.isArray(row) && typeof row[i] === "string") row[i] = parseTextArray(row[i] as string);
      }
    }
  });
  return res;
}

class CatalogAsTextClient extends pg.Client {
  // pg-pool calls query with a callback; the adapter's transactions use the promise form.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const cb = args[args.length - 1];
    if (typeof cb === "function") {
      args[args.length - 1] = (err: Error | null, res: Result) => cb(err, res ? asText(res) : res);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const r = (super.query as any)(...args);
    return r && typeof r.then === "function" ? r.then(asText) : r;
  }
}

export async function cliAdapter() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm run db:migrate sets it for the embedded database)");
  return new PrismaPg({ connectionString: url, max: 1, Client: CatalogAsTextClient });
}
