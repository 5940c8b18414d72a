"use server";
// Console preferences kept in cookies: language, cluster context, team, namespace.
// They only choose what is shown; every read still checks the person's access.
import { cookies } from "next/headers";
import { z } from "zod";
import { namespaceName, teamSlug } from "@/lib/domain/names";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";
import { CONTEXT_COOKIE, NAMESPACE_COOKIE, TEAM_COOKIE } from "@/lib/preferences";

const YEAR = 60 * 60 * 24 * 365;

export async function setLocale(locale: string) {
  const parsed = z.enum(LOCALES).safeParse(locale);
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: YEAR, sameSite: "lax" });
}


export async function setNamespace(ns: string) {
  const jar = await cookies();
  if (ns === "") {
    jar.delete(NAMESPACE_COOKIE);
    return;
  }
  if (!namespaceName.safeParse(ns).success) return;
  jar.set(NAMESPACE_COOKIE, ns, { path: "/", maxAge: YEAR, sameSite: "lax", httpOnly: true });
}

export async function setClusterContext(context: string) {
  if (!z.string().min(1).max(253).safeParse(context).success) return;
  (await cookies()).set(CONTEXT_COOKIE, context, { path: "/", maxAge: YEAR, sameSite: "lax", httpOnly: true });
}

export async function setTeam(slug: string) {
  if (!teamSlug.safeParse(slug).success) return;
  const jar = await cookies();
  jar.set(TEAM_COOKIE, slug, { path: "/", maxAge: YEAR, sameSite: "lax", httpOnly: true });
  jar.delete(NAMESPACE_COOKIE); // namespaces belong to teams
}
