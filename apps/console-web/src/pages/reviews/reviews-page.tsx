import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { ApiError, apiGet, apiText } from '../../api/client';
import type { IncidentSummary } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty, Loaded } from '../../components/states';
import { formatTime } from '../../format';
import { hrefOf } from '../../router';
import { MarkdownView } from './markdown-view';

/** Published reviews: the list of incidents that went through review, and one review rendered. */
export function ReviewsPage({ id }: { readonly id: string | null }) {
  return id === null ? <ReviewList /> : <ReviewView id={id} />;
}

function ReviewList() {
  const [reviewed, reload] = useResource('reviews', (signal) =>
    apiGet<{ items: IncidentSummary[] }>('/v1/incidents?status=in_review,closed&limit=100', signal),
  );
  return (
    <Stack>
      <Title order={1}>Reviews</Title>
      <Text size="sm">Incidents in review or closed; a closed one with a review has it published.</Text>
      <Loaded resource={reviewed} what="the reviewed incidents" retry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No incident has reached review yet.</Empty>
          ) : (
            <List>
              {items.map((incident) => (
                <List.Item key={incident.incidentId}>
                  <Anchor href={hrefOf.reviews(incident.incidentId)}>{incident.title}</Anchor> ({incident.status},
                  closed {formatTime(incident.closedAt)})
                </List.Item>
              ))}
            </List>
          )
        }
      </Loaded>
    </Stack>
  );
}

function ReviewView({ id }: { readonly id: string }) {
  const [review, reload] = useResource(`review:${id}`, async (signal) => {
    try {
      return await apiText(`/v1/incidents/${id}/review/published.md`, signal);
    } catch (error) {
      // Not published yet is an answer, not a failure.
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  });
  return (
    <Stack>
      <Title order={1}>Review</Title>
      <Text size="sm">
        Incident <Anchor href={hrefOf.incident(id)}>{id}</Anchor>
      </Text>
      <Loaded resource={review} what="the review" retry={reload}>
        {(markdown) =>
          markdown === null ? (
            <Empty>The review of this incident is not published yet.</Empty>
          ) : (
            <MarkdownView markdown={markdown} />
          )
        }
      </Loaded>
    </Stack>
  );
}
