// The first platform admin (lib/db/seed.ts), made in a process of its own: npm start's
// long-lived process, which hosts the embedded database, never loads the database client.
// Prints what was made as JSON (null when there were users already).
import { db } from "../lib/db/client";
import { seedFirstAdmin } from "../lib/db/seed";

const admin = await seedFirstAdmin({ email: process.env.BERTH_ADMIN_EMAIL, password: process.env.BERTH_ADMIN_PASSWORD });
await db().$disconnect();
process.stdout.write(JSON.stringify(admin));
