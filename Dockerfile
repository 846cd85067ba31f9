# The schemawatch image: the static binary `make build` produces, as the
# entrypoint of a small Alpine image (a shell is needed by GitLab jobs, which
# run `script:` lines inside the image; ca-certificates for the cloud API).
#
#   docker build --build-arg VERSION=v1.2.3 --target ci -t schemawatch/schemawatch:v1.2.3 .
#   docker build --build-arg VERSION=v1.2.3 -t schemawatch/schemawatch:v1.2.3-nonroot .
#
# Two targets share every layer but the last:
#
#   ci       (tags vX.Y.Z and vX) runs as root. GitHub requires Docker actions
#            to run as root (the workspace and the GITHUB_OUTPUT file belong
#            to the runner's user, mounted into the container), and Bitbucket
#            pipes write outputs.sh into the clone dir, which only the pipe's
#            (user-namespaced) root may write. This is the image action.yml,
#            pipe.yml and the GitLab component pull.
#   nonroot  (the default target; tags vX.Y.Z-nonroot) runs as uid 65532,
#            for `schemawatch serve` and anything run outside a CI runner.
#
# No WORKDIR: a CI runner sets the working directory (GitHub mounts the
# workspace there); the binary anchors every output to the CI's directories.

ARG GO_VERSION=1.26

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
ARG VERSION=dev
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The same command and flags as `make build` (a test keeps them equal).
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/schemawatch ./cmd/schemawatch

FROM alpine:3.22 AS base
RUN apk add --no-cache ca-certificates \
 && adduser -D -H -u 65532 -s /sbin/nologin schemawatch
COPY --from=build /out/schemawatch /usr/local/bin/schemawatch
ENTRYPOINT ["/usr/local/bin/schemawatch"]

FROM base AS ci
# Root on purpose, see the top of this file.
USER 0:0

FROM base AS nonroot
USER 65532:65532
