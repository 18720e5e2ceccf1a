# syntax=docker/dockerfile:1
# kai-operator image: a static-stdlib release build on a slim Debian runtime.
#   docker build -t ghcr.io/kai-dev/kai-operator:0.1.0 .
# The Helm chart (charts/kai-operator) runs it as `kai-operator run ...`.

ARG SWIFT_VERSION=6.3
ARG DEBIAN_RELEASE=bookworm

# ---- build -------------------------------------------------------------------
FROM swift:${SWIFT_VERSION}-${DEBIAN_RELEASE} AS build
# The C libraries the CCurl and CYAML modules wrap (found through pkg-config).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libcurl4-openssl-dev libssl-dev libyaml-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Only kai-operator and what it depends on (Package.swift's filter): the image build copies no
# Tests/, whose targets the full manifest would otherwise look for.
ENV KAI_TARGETS=kai-operator KAI_SKIP_TESTS=1
# Dependencies first, in their own layer: source edits do not refetch them.
# (Package.resolved, when present, pins the versions.)
COPY Package.* ./
RUN swift package resolve
COPY Sources ./Sources
RUN swift build -c release --product kai-operator --static-swift-stdlib \
 && install -D -m 0755 "$(swift build -c release --show-bin-path)/kai-operator" /out/kai-operator

# ---- runtime -----------------------------------------------------------------
FROM debian:${DEBIAN_RELEASE}-slim
# libcurl (with OpenSSL) and libyaml are linked dynamically; the Swift runtime is static.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libcurl4 libyaml-0-2 tzdata \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/kai-operator /usr/local/bin/kai-operator
# The distroless "nonroot" uid/gid, which the chart's securityContext expects.
USER 65532:65532
# metrics, health probes, kernel webhook (kai-operator run defaults).
EXPOSE 8080 8081 8082
LABEL org.opencontainers.image.title="kai-operator" \
      org.opencontainers.image.description="Kubernetes operator for the KAI platform (kai.dev/v1alpha1)"
ENTRYPOINT ["/usr/local/bin/kai-operator"]
CMD ["run"]
