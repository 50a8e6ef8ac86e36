// `npm start`: serves the built app with defaults for a local machine. adapter-node rejects
// form posts without ORIGIN, so it is derived from HOST and PORT unless set.
import { existsSync } from 'node:fs';

process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
// Uploads (import files up to 20 MB) need more than adapter-node's default of 512K; above this
// limit the import page answers with its own message.
process.env.BODY_SIZE_LIMIT ??= '25M';
// `npm start` is the try-it-out command: it asks for demo data on an empty embedded database
// (the app itself seeds none unless asked, and never in production without DATABASE_URL).
process.env.DEMO_DATA ??= 'auto';
// The demo database that `npm start` made beside the build (scripts/start.js): an empty data
// folder starts from it instead of seeding, seconds less at the first start (decision 0048).
if (existsSync('build/demo-data.tar.gz')) process.env.DEMO_SNAPSHOT ??= 'build/demo-data.tar.gz';
process.env.ORIGIN ??= `http://${process.env.HOST === '0.0.0.0' ? 'localhost' : process.env.HOST}:${process.env.PORT}`;
console.log(`IKZ Scorecard on ${process.env.ORIGIN}`);
await import('../build/index.js');
