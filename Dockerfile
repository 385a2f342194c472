# One image for every service of the hub; docker-compose.yml picks the entry point per service.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema ./schema
# The trusted documents the gateway runs (registry/clients).
COPY --from=build /app/registry ./registry
COPY package.json ./
# Local development keys (without an identity provider) are generated here at first start; the
# gateway's field usage is written under .data/field-usage (a volume in docker-compose.yml).
RUN mkdir -p .data/field-usage && chown -R node .data
USER node
