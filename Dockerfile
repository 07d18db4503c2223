# triagebot container image: `docker build -t triagebot .` (also works with podman/buildah).
# Plain Dockerfile syntax (no heredocs, no BuildKit-only features).

# ---- build stage --------------------------------------------------------------------------------
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates cmake ninja-build g++ \
      nlohmann-json3-dev libfmt-dev libspdlog-dev libboost1.81-dev libsqlite3-dev libssl-dev libjemalloc-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . /src
# Parallel compile jobs (empty: ninja's default). Lower it where memory is tight: --build-arg BUILD_JOBS=2
ARG BUILD_JOBS=""
RUN cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DTRIAGEBOT_BUILD_TESTS=OFF -DTRIAGEBOT_BUILD_BENCH=OFF \
 && ninja -C /build ${BUILD_JOBS:+-j$BUILD_JOBS} triagebot \
 && strip /build/triagebot \
 && mkdir -p /src/web

# ---- runtime stage ------------------------------------------------------------------------------
FROM debian:bookworm-slim AS runtime
# Only the shared libraries the binary links (checked with ldd below), plus curl for HEALTHCHECK.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libsqlite3-0 libssl3 libfmt9 libspdlog1.10 libjemalloc2 ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 triagebot \
 && useradd --system --uid 10001 --gid triagebot --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin triagebot \
 && mkdir -p /data /app \
 && chown triagebot:triagebot /data
COPY --from=build /build/triagebot /usr/local/bin/triagebot
COPY --from=build /src/rules /app/rules
COPY --from=build /src/web /app/web
# Fail the build if a shared library is missing from the runtime stage.
RUN if ldd /usr/local/bin/triagebot | grep -q 'not found'; then \
      ldd /usr/local/bin/triagebot; echo 'missing shared libraries' >&2; exit 1; fi \
 && /usr/local/bin/triagebot --version --rules /app/rules

USER triagebot
WORKDIR /app
VOLUME /data
EXPOSE 8080
# http first; https (-k: the certificate names the public host) when TLS is configured.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || curl -fsSk -o /dev/null https://127.0.0.1:8080/healthz || exit 1
CMD ["triagebot", "serve", "--listen", "0.0.0.0:8080", "--data", "/data", "--rules", "/app/rules"]
