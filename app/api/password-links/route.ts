// Setting a password with a single-use link (an invitation or an admin's reset): no session.
import { publicRoute } from "@/lib/http/route";
import { linkInput, setPasswordWithLink } from "@/lib/services/accounts";
import { answers as A } from "@/lib/http/answers";

export const dynamic = "force-dynamic";

export const POST = publicRoute({ doc: { summary: { en: "Set a password with a single-use link (no session)", zh: "使用一次性链接设置密码（无需登录）" }, response: A.passwordSet }, body: linkInput }, async ({ body }) => setPasswordWithLink(body));
