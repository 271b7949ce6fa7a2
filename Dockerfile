# Greenlight server image: built with the Maven wrapper, run on a JRE as an unprivileged user.
FROM eclipse-temurin:21.0.8_9-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY workers workers
COPY processes processes
COPY forms forms
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:21.0.8_9-jre
RUN useradd --system --create-home greenlight
WORKDIR /app
COPY --from=build /src/target/greenlight.jar /tmp/greenlight.jar
# Start-up in about half the time (docs/benchmarks.md, startup): the jar extracted into plain jars, and a class-data
# archive written by one training start (embedded engine, every model deployed, then exit) that later starts map in
RUN java -Djarmode=tools -jar /tmp/greenlight.jar extract --destination /app && rm /tmp/greenlight.jar \
    && java -XX:ArchiveClassesAtExit=/app/greenlight.jsa -Dspring.context.exit=onRefresh -jar /app/greenlight.jar
COPY runbooks runbooks
USER greenlight
EXPOSE 8080
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/greenlight.jsa", "-jar", "/app/greenlight.jar"]
