# wharf's whoami test backend. Context: apps/whoami with a `pnpm deploy --prod` output in
# .wharf-tmp/deploy (e2e/src/images.ts does both). BASE: any image with node at /usr/local/bin.
ARG BASE=node:20-slim
FROM ${BASE}
COPY .wharf-tmp/deploy/ /app/
WORKDIR /app
EXPOSE 80
ENTRYPOINT ["/usr/local/bin/node", "/app/dist/main.js"]
CMD ["--port", "80"]
