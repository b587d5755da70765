# Builds the server and the web client, then runs `renda` on a slim Debian.
FROM rust:1.95-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release -p renda-api --bin renda
RUN if [ -x web-client/build.sh ]; then ./web-client/build.sh; else mkdir -p dist; fi

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /app renda
WORKDIR /app
COPY --from=build /src/target/release/renda /usr/local/bin/renda
COPY --from=build /src/dist /app/dist
USER renda
EXPOSE 8080
ENTRYPOINT ["renda"]
CMD ["serve"]
