# Cognate's container image (README, "Container"): built in two stages, served by an unprivileged user, data in
# a volume. Build with `docker build -t cognate .`.

# Stage 1: compile TypeScript and build the native modules (better-sqlite3, argon2) against this image's Node.
FROM node:20.19.5-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle.mjs ./scripts/bundle.mjs
# `prepare` compiles to dist/ and bundles the bin during the install; the development packages are dropped afterwards.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund \
 && find dist -name '*.map' -delete

# Stage 2: only what runs.
FROM node:20.19.5-bookworm-slim AS runtime
ENV NODE_ENV=production \
    COGNATE_HOST=0.0.0.0 \
    COGNATE_PORT=9229 \
    COGNATE_DB=sqlite:/data/cognate.db
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist/src ./dist/src
COPY --from=build --chown=root:root /app/dist/bundle ./dist/bundle
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 9229
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.COGNATE_PORT || 9229) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/bundle/cli.js"]
CMD ["serve"]
