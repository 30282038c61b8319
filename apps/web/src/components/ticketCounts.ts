import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useAuth } from '../auth/auth';

export type QueueCounts = Partial<Record<'mine' | 'unassigned' | 'overdue' | 'due_today' | 'awaiting_visit' | 'escalated', number>>;

/** How many tickets wait in each work queue (menu badges, the list's tabs), refreshed every minute. */
export function useTicketCounts(projectId?: string) {
  const { can } = useAuth();
  return useQuery({
    queryKey: ['tickets', 'counts', projectId ?? null],
    queryFn: () => api.get<QueueCounts>('/api/tickets/counts', { projectId }),
    enabled: can('tickets.read'),
    refetchInterval: 60_000,
    staleTime: 20_000,
    retry: false,
  });
}
