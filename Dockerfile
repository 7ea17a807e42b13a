# syntax=docker/dockerfile:1
# FlowLens images for docker compose: the plugins built exactly as CI builds them, installed into
# Grafana; and flowgen and flowlens-ingest, each bundled to run on plain Node.
ARG NODE_VERSION=20.20.2
ARG GRAFANA_VERSION=13.1.1

FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /src
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY tools/plugin-build/package.json tools/plugin-build/
COPY tools/testkit/package.json tools/testkit/
COPY tools/flowgen/package.json tools/flowgen/
COPY tools/ingest/package.json tools/ingest/
COPY plugins/sankey-panel/package.json plugins/sankey-panel/
COPY plugins/chord-panel/package.json plugins/chord-panel/
COPY plugins/policy-panel/package.json plugins/policy-panel/
COPY plugins/flows-datasource/package.json plugins/flows-datasource/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
RUN npm run package

# Grafana's Ubuntu image: the backend executable is a Node single executable linked against glibc.
FROM grafana/grafana:${GRAFANA_VERSION}-ubuntu AS grafana
USER root
# Outside /var/lib/grafana, so a data volume from an older FlowLens never shadows the new plugins.
ENV GF_PATHS_PLUGINS=/opt/flowlens/plugins
COPY --from=build /src/plugins/sankey-panel/dist /opt/flowlens/plugins/flowlens-sankey-panel
COPY --from=build /src/plugins/chord-panel/dist /opt/flowlens/plugins/flowlens-chord-panel
COPY --from=build /src/plugins/policy-panel/dist /opt/flowlens/plugins/flowlens-policy-panel
COPY --from=build /src/plugins/flows-datasource/dist /opt/flowlens/plugins/flowlens-flows-datasource
COPY docker/grafana-entrypoint.sh /usr/local/bin/flowlens-grafana
RUN chmod 0755 /usr/local/bin/flowlens-grafana /opt/flowlens/plugins/flowlens-flows-datasource/gpx_flowlens_flows_linux_*
USER grafana
ENTRYPOINT ["/usr/local/bin/flowlens-grafana"]

FROM node:${NODE_VERSION}-bookworm-slim AS flowgen
WORKDIR /app
COPY --from=build /src/tools/flowgen/dist/flowgen.cjs /app/tools/flowgen/dist/flowgen.cjs
COPY --from=build /src/tools/flowgen/package.json /app/tools/flowgen/package.json
COPY provisioning/clickhouse /app/provisioning/clickhouse
USER node
# The flag: see tools/flowgen/bin/flowgen.mjs (a Node 20 deadlock as the process ends).
ENTRYPOINT ["node", "--no-concurrent-recompilation", "/app/tools/flowgen/dist/flowgen.cjs"]

FROM node:${NODE_VERSION}-bookworm-slim AS ingest
WORKDIR /app
COPY --from=build /src/tools/ingest/dist/ingest.cjs /app/tools/ingest/dist/ingest.cjs
# The buffer's home, owned by the user the service runs as (a new named volume takes this owner).
RUN mkdir -p /var/lib/flowlens-ingest && chown node:node /var/lib/flowlens-ingest
USER node
EXPOSE 7070 7071
ENTRYPOINT ["node", "--no-concurrent-recompilation", "/app/tools/ingest/dist/ingest.cjs"]
