// Setting a password with a single-use link (an invitation or an admin's reset): no session.
import { publicRoute } from "@/lib/http/route";
import { linkInput, setPasswordWithLink } from "@/lib/services/accounts";

export const dynamic = "force-dynamic";

export const POST = publicRoute({ body: linkInput }, async ({ body }) => setPasswordWithLink(body));
