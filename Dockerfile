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
COPY --from=build /src/target/greenlight.jar greenlight.jar
COPY runbooks runbooks
USER greenlight
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/greenlight.jar"]
