import { createServer, type Server } from "node:http";
import { randomUUID } from "node:crypto";

type Handler = (event: unknown, context: object, callback: (error?: Error | null, value?: unknown) => void) => unknown;

export interface LambdaServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A Lambda-Invoke-compatible HTTP server (what `sam local start-lambda` serves): `POST
 * /2015-03-31/functions/<name or ARN>/invocations` runs the handler of that name, answering its result, or
 * `X-Amz-Function-Error: Unhandled` with `{errorMessage, errorType}` when it throws; an unknown function is
 * the Lambda API's ResourceNotFoundException.
 */
export async function startLambdaServer(handlers: Record<string, Handler>): Promise<LambdaServer> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? "");
      const name = match === null ? undefined : decodeURIComponent(match[1]!).replace(/^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+).*$/, "$1");
      const handler = name === undefined ? undefined : handlers[name];
      if (request.method !== "POST" || handler === undefined) {
        response.writeHead(404, { "content-type": "application/json", "x-amzn-errortype": "ResourceNotFoundException" });
        response.end(JSON.stringify({ Type: "User", Message: `Function not found: ${name}` }));
        return;
      }
      const event: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const answered = new Promise((resolve, reject) => {
        const returned = handler(event, { awsRequestId: randomUUID() }, (error, value) => (error ? reject(error) : resolve(value)));
        if (returned instanceof Promise) returned.then(resolve, reject);
      });
      answered.then(
        (value) => {
          response.writeHead(200, { "content-type": "application/json", "x-amz-executed-version": "$LATEST" });
          response.end(JSON.stringify(value ?? null));
        },
        (error: Error) => {
          response.writeHead(200, { "content-type": "application/json", "x-amz-function-error": "Unhandled" });
          response.end(JSON.stringify({ errorMessage: error.message, errorType: error.name }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
