import net from "node:net";

/**
 * How many times `work` wrote to the PostgreSQL server of `databaseUrl`: with pipelined connections corked for
 * a tick, statements sent together go out in one write, so this counts round trips from the app's side.
 */
export async function writesToPostgres(databaseUrl: string, work: () => Promise<unknown>): Promise<number> {
  const port = Number(new URL(databaseUrl).port || 5432);
  const socket = net.Socket.prototype as unknown as Record<"_write" | "_writev", (this: net.Socket, ...args: unknown[]) => unknown>;
  const write = socket._write;
  const writev = socket._writev;
  let writes = 0;
  const counted = (original: typeof write) =>
    function (this: net.Socket, ...args: unknown[]) {
      if (this.remotePort === port) writes++;
      return original.apply(this, args);
    };
  socket._write = counted(write);
  socket._writev = counted(writev);
  try {
    await work();
  } finally {
    socket._write = write;
    socket._writev = writev;
  }
  return writes;
}
