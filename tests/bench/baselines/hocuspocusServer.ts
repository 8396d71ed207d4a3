import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

/**
 * The second baseline: `@hocuspocus/server` 4 with its own SQLite extension on a file, with its
 * defaults (documents stored whole, debounced 2 s, at most 10 s apart). Started by servers.ts as
 * its own process; PORT and SQLITE_FILE come from there.
 */
const port = Number(process.env.PORT);
const database = process.env.SQLITE_FILE;
if (!port || !database) throw new Error('hocuspocusServer.ts needs PORT and SQLITE_FILE');

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database })],
});
await server.listen();
console.log(`Hocuspocus listening on port ${port}`);

const stop = () => {
  // destroy() stores every loaded document before it resolves.
  server.destroy().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
