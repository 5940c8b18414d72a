import { describe, expect, it } from "vitest";
import { leadingContinue } from "@/lib/k8s/raw-list";

// The start of a LIST answer as the apiserver writes it: metadata first, then items.
const head = (meta: string) => `{"kind":"PodList","apiVersion":"v1","metadata":{${meta}},"items":[{"metadata":{"name":"p","annotations":{"x":"\\"continue\\":\\"fake\\""}}}`;

describe("the continue token at the start of a LIST answer", () => {
  it("is read from the metadata before the items arrive", () => {
    expect(leadingContinue(head('"resourceVersion":"42","continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDJ9","remainingItemCount":4500'))).toBe("eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDJ9");
  });
  it("is known to be absent once the items start, and unknown before", () => {
    expect(leadingContinue(head('"resourceVersion":"42"'))).toBeNull(); // the last page: nothing in the items counts
    expect(leadingContinue('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVer')).toBeUndefined();
  });
});
