// The HTTP client of scripts/http-client.ts, pointed at the console the test setup serves.
import { inject } from "vitest";
import * as http from "../../scripts/http-client";

export type { Client } from "../../scripts/http-client";

export const signIn = (email: string, password: string, ip?: string) => http.signIn(inject("baseUrl"), email, password, ip);
export const client = (auth: { cookie?: string; token?: string } = {}) => http.client(inject("baseUrl"), auth);
export const loggedIn = (email: string, password: string) => http.loggedIn(inject("baseUrl"), email, password);
