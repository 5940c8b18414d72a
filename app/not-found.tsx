import { headers } from "next/headers";
import { ErrorPage } from "@/components/shell/error-page";

export default async function NotFound() {
  return <ErrorPage kind="notFound" requestId={(await headers()).get("x-request-id")} />;
}
