/**
 * Servers on loopback for the TLS cases of the conformance suite: an https server with a test certificate, and a
 * plain-http server to point https at. Each counts the connections it accepted, so that a test can tell a failure
 * that was retried from one that was not.
 *
 * The certificates in fixtures/ are test fixtures, made once with openssl (EC P-256, valid for 100 years):
 * `self-signed` is its own CA and names localhost and 127.0.0.1; `wrong-name` is signed by it and names only
 * wrong-name.example. They protect nothing: never trust them outside a test.
 */
import { readFileSync } from "node:fs"
import { createServer as createHttpServer } from "node:http"
import { createServer as createHttpsServer } from "node:https"
import type { AddressInfo, Server, Socket } from "node:net"

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")

/** The test CA (the self-signed certificate), for a client that is to trust it. */
export const TEST_CA = fixture("self-signed.crt")

/** A server on loopback. */
export interface CountingServer {
  /** `https://127.0.0.1:PORT` or `http://127.0.0.1:PORT`. */
  readonly url: string
  /** TCP connections accepted so far. */
  connections(): number
  close(): Promise<void>
}

const listen = async (server: Server, scheme: "http" | "https"): Promise<CountingServer> => {
  let connections = 0
  const sockets = new Set<Socket>()
  server.on("connection", (socket: Socket) => {
    connections++
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
  }
}

/** The balance a TLS server answers with, when a handshake succeeds. */
const answer = (_: unknown, response: import("node:http").ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json" })
  response.end('{"credits":1,"subscriptionStatus":"active","subscriptionId":null}')
}

/** An https server on loopback presenting the `self-signed` or the `wrong-name` test certificate. */
export const startTlsServer = (certificate: "self-signed" | "wrong-name"): Promise<CountingServer> =>
  listen(
    createHttpsServer({ key: fixture(`${certificate}.key`), cert: fixture(`${certificate}.crt`) }, answer),
    "https"
  )

/** A plain-http server on loopback, to send https to. */
export const startPlainServer = (): Promise<CountingServer> => listen(createHttpServer(answer), "http")
