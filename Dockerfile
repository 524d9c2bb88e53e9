# syntax=docker/dockerfile:1
# The service's image, built from the sources alone: no JDK, Maven or jar needed on the host.
#
#   docker build -t shop-reco:latest .
#   docker run -p 8080:8080 -e KAFKA_BOOTSTRAP_SERVERS=broker:9092 shop-reco:latest
#
# /app/api.jar is the entry point (the API with its topology); /app/producer.jar (the replay) is in
# the same image: docker run --entrypoint java shop-reco:latest -jar /app/producer.jar replay --help

# --- build: Maven inside the image, the project's own build of the two runnable jars -------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# the root pom and every module's pom: the reactor needs them all to resolve the modules
COPY pom.xml ./
COPY common/pom.xml common/
COPY local-kafka/pom.xml local-kafka/
COPY producer/pom.xml producer/
COPY streams-app/pom.xml streams-app/
COPY streams-app-it/pom.xml streams-app-it/
COPY api/pom.xml api/
COPY evaluator/pom.xml evaluator/
COPY reliability/pom.xml reliability/
COPY benchmarks/pom.xml benchmarks/
COPY common/src common/src
COPY local-kafka/src local-kafka/src
COPY producer/src producer/src
COPY streams-app/src streams-app/src
COPY api/src api/src
# tests run in CI, not in the image build; the Maven repository is cached between builds (BuildKit)
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl api,producer -am package -Dmaven.test.skip=true

# --- runtime: a JRE and the jars, run as an unprivileged user -------------------------------------
FROM eclipse-temurin:17-jre
# a numeric user, so that Kubernetes' runAsNonRoot can check it (deploy/k8s)
RUN groupadd --system --gid 10001 shop \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home shop \
    && mkdir -p /app /var/lib/shop-reco/streams \
    && chown -R 10001:10001 /app /var/lib/shop-reco
WORKDIR /app
COPY --from=build /src/api/target/api.jar /app/api.jar
COPY --from=build /src/producer/target/producer.jar /app/producer.jar
USER 10001:10001

# Every setting is an environment variable; see api/README.md. MALLOC_ARENA_MAX: glibc's malloc keeps
# up to 8 arenas per core, and RocksDB's native allocations spread over them grow the resident memory
# well past RocksDB's bound (at M: peak RSS 1,695 MiB with the default, 1,511 MiB with 2).
ENV PORT=8080 \
    STREAMS_STATE_DIR=/var/lib/shop-reco/streams \
    MALLOC_ARENA_MAX=2
EXPOSE 8080
VOLUME /var/lib/shop-reco/streams

# exec form: the JVM is PID 1 and gets SIGTERM, so Kafka Streams closes and leaves its group.
# Half the container's memory for the heap: RocksDB (STREAMS_ROCKSDB_MEMORY_BYTES), Netty and the
# JVM itself live outside it.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/app/api.jar"]
