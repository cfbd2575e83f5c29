import net from "node:net";

/**
 * How many times `work` wrote to PostgreSQL's sockets on `port`: with pipelined connections corked for a
 * tick, statements sent together go out in one write, so this counts round trips from the app's side.
 */
export async function writesToPostgres(port: number, work: () => Promise<unknown>): Promise<number> {
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
