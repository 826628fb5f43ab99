#!/bin/sh
# Health check of the Lifeboat image (Dockerfile HEALTHCHECK and compose.yaml): healthy when
#  1. WildFly is ready: /health/ready on the management port answers 200 (server running, no boot errors, every
#     deployment OK; the health subsystem of standalone.xml has security-enabled="false"), and
#  2. Lifeboat is deployed and answering: its API asks an anonymous caller for credentials (401). A 404 means the
#     EAR is missing, 5xx or no answer that the application is broken or still starting.
# Neither call touches the database.
set -u
if ! curl -fsS -o /dev/null --max-time 5 http://127.0.0.1:9990/health/ready; then
    echo "WildFly is not ready (http://127.0.0.1:9990/health/ready)"
    exit 1
fi
code=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' http://127.0.0.1:8080/lifeboat/api/sources)
if [ "$code" != 401 ]; then
    echo "Lifeboat does not answer as expected: GET /lifeboat/api/sources gave HTTP $code, expected 401"
    exit 1
fi
echo "ok"
