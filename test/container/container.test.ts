import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { parse } from "yaml";
import { REPO_ROOT } from "../helpers/process.js";

/*
 * There is no container engine where these tests run (README, "Container"), so the image is not built here:
 * the Dockerfile is parsed and held to the properties the image promises, and the compose files are read.
 */

const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");

describe("Dockerfile", () => {
  const dockerfile = DockerfileParser.parse(read("Dockerfile"));
  const instructions = dockerfile.getInstructions();
  const froms = dockerfile.getFROMs();
  const lastStageStart = froms.at(-1)!.getRange().start.line;
  const runtime = instructions.filter((instruction) => instruction.getRange().start.line >= lastStageStart);
  const keyword = (name: string) => runtime.filter((instruction) => instruction.getKeyword() === name);

  test("parses without problems", () => {
    for (const instruction of instructions) {
      assert.ok(["FROM", "WORKDIR", "RUN", "COPY", "ENV", "USER", "VOLUME", "EXPOSE", "HEALTHCHECK", "ENTRYPOINT", "CMD"].includes(instruction.getKeyword()), instruction.getKeyword());
    }
  });

  test("is multi-stage, every base image pinned to a version (never latest)", () => {
    assert.ok(froms.length >= 2, "a build stage and a runtime stage");
    for (const from of froms) {
      const tag = from.getImageTag();
      assert.ok(typeof tag === "string" && tag !== "latest" && /\d/.test(tag), `${from.getImageName()} is pinned (${tag})`);
    }
    assert.ok(
      runtime.some((instruction) => instruction.getKeyword() === "COPY" && /--from=build\b/.test(instruction.getTextContent())),
      "the runtime stage copies the build's output",
    );
  });

  test("the runtime stage runs as a non-root user, keeps data in a volume and checks its health", () => {
    const users = keyword("USER").map((instruction) => instruction.getArgumentsContent()?.trim());
    assert.equal(users.length, 1);
    assert.ok(!["root", "0"].includes(users[0]!.split(":")[0]!), `USER ${users[0]}`);
    assert.match(keyword("VOLUME")[0]!.getArgumentsContent()!, /\/data/);
    assert.match(keyword("ENV").map((instruction) => instruction.getTextContent()).join("\n"), /COGNATE_DB=sqlite:\/data\//);
    const healthcheck = keyword("HEALTHCHECK");
    assert.equal(healthcheck.length, 1);
    assert.match(healthcheck[0]!.getTextContent(), /\/health/);
    assert.match(keyword("ENTRYPOINT")[0]!.getTextContent(), /dist\/bundle\/cli\.js/);
  });

  test("copies only what exists: the files the build stage names are in the repository", () => {
    for (const file of ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "src"]) {
      assert.ok(existsSync(join(REPO_ROOT, file)), file);
    }
    assert.match(read(".dockerignore"), /^node_modules$/m);
  });
});

describe("compose files", () => {
  test("compose.yaml: Cognate on SQLite with its data in a named volume", () => {
    const compose = parse(read("compose.yaml")) as { services: Record<string, { build?: string; environment?: Record<string, string>; volumes?: string[] }> };
    const cognate = compose.services.cognate!;
    assert.equal(cognate.build, ".");
    assert.ok(cognate.volumes!.some((volume) => volume.endsWith(":/data")));
  });

  test("compose.postgres.yaml: two instances on one PostgreSQL database behind a proxy that balances them", () => {
    const compose = parse(read("compose.postgres.yaml"), { merge: true }) as {
      services: Record<string, { image?: string; environment?: Record<string, string>; volumes?: string[] }>;
    };
    const { postgres, proxy, ...rest } = compose.services;
    assert.ok(postgres && proxy);
    const instances = Object.values(rest);
    assert.equal(instances.length, 2);
    for (const instance of instances) {
      assert.match(instance.environment!.COGNATE_DB!, /^postgres:\/\/.*@postgres:5432\//);
      assert.equal(instance.environment!.COGNATE_PUBLIC_URL, "http://localhost:9229");
    }
    const config = read("deploy/nginx.conf");
    for (const name of Object.keys(rest)) assert.match(config, new RegExp(`server ${name}:9229;`));
    assert.ok(proxy.volumes!.some((volume) => volume.startsWith("./deploy/nginx.conf:")));
    for (const image of [postgres.image!, proxy.image!]) assert.match(image, /:\d/, `${image} is pinned`);
  });
});
