/**
 * Testcontainers for machines with a Docker engine. Loaded only when one answers, so machines without
 * Docker never touch the Testcontainers runtime.
 */
export interface StartedContainers {
  readonly databaseUrl: string;
  readonly kafkaBrokers: string;
  stop(): Promise<void>;
}

export async function startContainers(): Promise<StartedContainers> {
  const [{ PostgreSqlContainer }, { KafkaContainer }] = await Promise.all([
    import('@testcontainers/postgresql'),
    import('@testcontainers/kafka'),
  ]);
  const [postgres, kafka] = await Promise.all([
    new PostgreSqlContainer('postgres:17').withDatabase('incident').start(),
    // Confluent Platform 7.9 is Apache Kafka 3.9, the version the local broker runs.
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
  ]);
  return {
    databaseUrl: postgres.getConnectionUri(),
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    stop: async () => {
      await Promise.all([postgres.stop(), kafka.stop()]);
    },
  };
}
