// Berth's API contract (lib/http/openapi.ts) made from every route module under app/api: served
// by ./route.ts and rendered by the API reference page. A new route is added to this list; a
// test (tests/integration/openapi.test.ts) fails while one is missing.
import pkg from "@/package.json";
import { openApiDocument, type RouteModule } from "@/lib/http/openapi";
import * as r0 from "../audit/route";
import * as r1 from "../auth/[...nextauth]/route";
import * as r2 from "../hooks/pipelines/[id]/route";
import * as r3 from "../me/route";
import * as r4 from "../me/password/route";
import * as r5 from "../me/sessions/route";
import * as r6 from "../namespaces/[namespace]/apps/route";
import * as r7 from "../namespaces/[namespace]/apps/[app]/route";
import * as r8 from "../namespaces/[namespace]/apps/[app]/export/route";
import * as r9 from "../namespaces/[namespace]/apps/[app]/image/route";
import * as r10 from "../namespaces/[namespace]/apps/[app]/logs/route";
import * as r11 from "../namespaces/[namespace]/apps/[app]/restart/route";
import * as r12 from "../namespaces/[namespace]/apps/[app]/rollback/route";
import * as r13 from "../namespaces/[namespace]/apps/[app]/scale/route";
import * as r14 from "../namespaces/[namespace]/apps/[app]/yaml/route";
import * as r15 from "../namespaces/[namespace]/builds/route";
import * as r16 from "../namespaces/[namespace]/builds/[id]/route";
import * as r17 from "../namespaces/[namespace]/configmaps/route";
import * as r18 from "../namespaces/[namespace]/configmaps/[name]/route";
import * as r19 from "../namespaces/[namespace]/configmaps/[name]/restart/route";
import * as r20 from "../namespaces/[namespace]/import/route";
import * as r21 from "../namespaces/[namespace]/pipelines/route";
import * as r22 from "../namespaces/[namespace]/pipelines/[id]/route";
import * as r23 from "../namespaces/[namespace]/pipelines/[id]/artifact/route";
import * as r24 from "../namespaces/[namespace]/pods/route";
import * as r25 from "../namespaces/[namespace]/releases/route";
import * as r26 from "../namespaces/[namespace]/releases/[release]/route";
import * as r27 from "../namespaces/[namespace]/secrets/route";
import * as r28 from "../namespaces/[namespace]/secrets/[name]/route";
import * as r29 from "../namespaces/[namespace]/secrets/[name]/restart/route";
import * as r30 from "../namespaces/[namespace]/secrets/[name]/values/[key]/route";
import * as r31 from "../namespaces/[namespace]/stream/route";
import * as r32 from "../password-links/route";
import * as r33 from "../teams/route";
import * as r34 from "../teams/[team]/route";
import * as r35 from "../teams/[team]/audit/route";
import * as r36 from "../teams/[team]/limits/route";
import * as r37 from "../teams/[team]/members/route";
import * as r38 from "../teams/[team]/members/[userId]/route";
import * as r39 from "../teams/[team]/namespaces/route";
import * as r40 from "../teams/[team]/namespaces/[namespace]/route";
import * as r41 from "../teams/[team]/registries/route";
import * as r42 from "../teams/[team]/registries/[name]/route";
import * as r43 from "../teams/[team]/registries/[name]/test/route";
import * as r44 from "../templates/route";
import * as r45 from "../templates/[slug]/route";
import * as r46 from "../templates/[slug]/versions/[version]/route";
import * as r47 from "../templates/charts/route";
import * as r48 from "../templates/preview/route";
import * as r49 from "../tokens/route";
import * as r50 from "../tokens/[id]/route";
import * as r51 from "../users/[userId]/password-reset/route";
import * as r52 from "../namespaces/[namespace]/apps/[app]/usage/route";
import * as r53 from "../clusters/route";
import * as r54 from "../clusters/test/route";
import * as r55 from "../clusters/[name]/route";
import * as r56 from "../clusters/contexts/route";
import * as r57 from "../teams/[team]/limits/[cluster]/route";
import * as self from "./route";

let document: ReturnType<typeof openApiDocument> | undefined;

/** The document, made once per process (the modules are read when it is first asked for). */
export function apiDocument() {
  const modules: Record<string, RouteModule> = {
    "audit": r0,
    "auth/[...nextauth]": r1,
    "hooks/pipelines/[id]": r2,
    "me": r3,
    "me/password": r4,
    "me/sessions": r5,
    "namespaces/[namespace]/apps": r6,
    "namespaces/[namespace]/apps/[app]": r7,
    "namespaces/[namespace]/apps/[app]/export": r8,
    "namespaces/[namespace]/apps/[app]/image": r9,
    "namespaces/[namespace]/apps/[app]/logs": r10,
    "namespaces/[namespace]/apps/[app]/restart": r11,
    "namespaces/[namespace]/apps/[app]/rollback": r12,
    "namespaces/[namespace]/apps/[app]/scale": r13,
    "namespaces/[namespace]/apps/[app]/yaml": r14,
    "namespaces/[namespace]/builds": r15,
    "namespaces/[namespace]/builds/[id]": r16,
    "namespaces/[namespace]/configmaps": r17,
    "namespaces/[namespace]/configmaps/[name]": r18,
    "namespaces/[namespace]/configmaps/[name]/restart": r19,
    "namespaces/[namespace]/import": r20,
    "namespaces/[namespace]/pipelines": r21,
    "namespaces/[namespace]/pipelines/[id]": r22,
    "namespaces/[namespace]/pipelines/[id]/artifact": r23,
    "namespaces/[namespace]/pods": r24,
    "namespaces/[namespace]/releases": r25,
    "namespaces/[namespace]/releases/[release]": r26,
    "namespaces/[namespace]/secrets": r27,
    "namespaces/[namespace]/secrets/[name]": r28,
    "namespaces/[namespace]/secrets/[name]/restart": r29,
    "namespaces/[namespace]/secrets/[name]/values/[key]": r30,
    "namespaces/[namespace]/stream": r31,
    "password-links": r32,
    "teams": r33,
    "teams/[team]": r34,
    "teams/[team]/audit": r35,
    "teams/[team]/limits": r36,
    "teams/[team]/members": r37,
    "teams/[team]/members/[userId]": r38,
    "teams/[team]/namespaces": r39,
    "teams/[team]/namespaces/[namespace]": r40,
    "teams/[team]/registries": r41,
    "teams/[team]/registries/[name]": r42,
    "teams/[team]/registries/[name]/test": r43,
    "templates": r44,
    "templates/[slug]": r45,
    "templates/[slug]/versions/[version]": r46,
    "templates/charts": r47,
    "templates/preview": r48,
    "tokens": r49,
    "tokens/[id]": r50,
    "users/[userId]/password-reset": r51,
    "namespaces/[namespace]/apps/[app]/usage": r52,
    "clusters": r53,
    "clusters/test": r54,
    "clusters/[name]": r55,
    "clusters/contexts": r56,
    "teams/[team]/limits/[cluster]": r57,
    "openapi.json": self,
  };
  return (document ??= openApiDocument(modules, pkg.version));
}
