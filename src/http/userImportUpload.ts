import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { MAX_IMPORT_FILE_BYTES, type App } from "../app.js";

/**
 * A user import job's PreSignedUrl (docs/behaviour.md, User import jobs): the CSV file arrives by PUT, as it
 * does at the S3 pre-signed URL Cognito hands out (`curl -T users.csv "<PreSignedUrl>"`), and the answers are
 * S3's: 200 with the file's ETag, or a 403 AccessDenied XML document.
 */
export function registerUserImportUpload(server: FastifyInstance, app: App): void {
  server.put<{ Params: { poolId: string; jobId: string }; Querystring: { token?: string } }>(
    "/user-import/:poolId/:jobId",
    { bodyLimit: MAX_IMPORT_FILE_BYTES },
    async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const outcome = await app.uploadUserImportFile({
        poolId: request.params.poolId,
        jobId: request.params.jobId,
        token: typeof request.query.token === "string" ? request.query.token : "",
        csv: body.toString("utf8"),
      });
      if (outcome === "unknown") return accessDenied(reply, "Access Denied");
      if (outcome === "expired") return accessDenied(reply, "Request has expired");
      return reply.header("etag", `"${createHash("md5").update(body).digest("hex")}"`).code(200).send("");
    },
  );
}

function accessDenied(reply: FastifyReply, message: string) {
  return reply
    .code(403)
    .header("content-type", "application/xml")
    .send(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`);
}
