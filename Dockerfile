# Greenlight server image: built with the Maven wrapper, run on a JRE as an unprivileged user.
FROM eclipse-temurin:21.0.8_9-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml LICENSE ./
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
# What the image passes on, and under which licences (docs/licences.md): Greenlight's own licence, the generated list
# of every library in the jar with its licence, and the full texts of the non-standard ones, among them the Camunda
# License 1.0 of the embedded engine, which allows only non-production use
COPY --from=build /src/LICENSE /src/target/classes/META-INF/THIRD-PARTY.txt /app/licenses/
COPY --from=build /src/target/classes/META-INF/licenses/ /app/licenses/
USER greenlight
EXPOSE 8080
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/greenlight.jsa", "-jar", "/app/greenlight.jar"]
