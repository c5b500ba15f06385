# syntax=docker/dockerfile:1
# Safeboard: one static binary (templates, assets and migrations are embedded).
#   docker build -t safeboard .
#   docker run --rm -e SAFEBOARD_MIGRATE_DATABASE_URL=postgres://safeboard_owner:…@db/safeboard safeboard migrate up
#   docker run --rm -e DATABASE_URL=postgres://safeboard_app:…@db/safeboard -p 8080:8080 safeboard
# or `docker compose up` (see docker-compose.yml).

FROM golang:1.26 AS build
# go.mod pins toolchain go1.26.11; let go fetch it if the image's Go is older.
ENV GOTOOLCHAIN=auto CGO_ENABLED=0
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -ldflags='-s -w' -o /out/safeboard ./cmd/safeboard

# Debian slim rather than distroless: the report's PDF is printed by headless
# Chromium (chromedp), which needs the browser and fonts at run time.
FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates chromium fonts-liberation \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --create-home --home-dir /home/safeboard safeboard
COPY --from=build /out/safeboard /usr/local/bin/safeboard
USER safeboard:safeboard
ENV SAFEBOARD_ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/safeboard"]
CMD ["serve"]
