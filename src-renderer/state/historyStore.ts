import { create } from 'zustand';
import type { GenerationRecord, HistoryListItem, PolicyDecisionKind, UsageEvent } from '../../src-shared/domain';
import { studioApi, unwrap } from '../api/client';
import { describeError } from '../api/errorText';
import { dayEndIso, dayStartIso } from '../format';
import { useStudio } from './studioStore';

export interface HistoryFilters {
  query: string;
  voiceId: string;
  decision: '' | PolicyDecisionKind;
  fromDay: string;
  toDay: string;
}

const PAGE_SIZE = 50;
const EMPTY_FILTERS: HistoryFilters = { query: '', voiceId: '', decision: '', fromDay: '', toDay: '' };

interface HistoryState {
  filters: HistoryFilters;
  items: HistoryListItem[];
  total: number;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  detail: { record: GenerationRecord; events: UsageEvent[] } | null;
  detailError: string | null;
  setFilters(patch: Partial<HistoryFilters>): void;
  resetFilters(): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: string | null): Promise<void>;
  refreshDetail(): Promise<void>;
  remove(id: string): Promise<void>;
}

let listSequence = 0;

function listRequest(filters: HistoryFilters, offset: number) {
  return {
    query: filters.query.trim() || undefined,
    voiceId: filters.voiceId || undefined,
    decision: filters.decision || undefined,
    from: dayStartIso(filters.fromDay),
    to: dayEndIso(filters.toDay),
    limit: PAGE_SIZE,
    offset,
  };
}

export const useHistory = create<HistoryState>((set, get) => ({
  filters: EMPTY_FILTERS,
  items: [],
  total: 0,
  loading: false,
  error: null,
  selectedId: null,
  detail: null,
  detailError: null,
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
  resetFilters: () => set({ filters: EMPTY_FILTERS }),
  async load() {
    const sequence = ++listSequence;
    set({ loading: true });
    try {
      const { items, total } = await unwrap(studioApi().historyList(listRequest(get().filters, 0)));
      if (sequence === listSequence) set({ items, total, loading: false, error: null });
    } catch (error) {
      if (sequence === listSequence) set({ loading: false, error: describeError(error).message });
    }
  },
  async loadMore() {
    const sequence = ++listSequence;
    set({ loading: true });
    try {
      const { items, total } = await unwrap(studioApi().historyList(listRequest(get().filters, get().items.length)));
      if (sequence === listSequence) set({ items: [...get().items, ...items], total, loading: false, error: null });
    } catch (error) {
      if (sequence === listSequence) set({ loading: false, error: describeError(error).message });
    }
  },
  async select(id) {
    set({ selectedId: id, detail: null, detailError: null });
    if (id) await get().refreshDetail();
  },
  async refreshDetail() {
    const id = get().selectedId;
    if (!id) return;
    try {
      const detail = await unwrap(studioApi().historyShow({ id }));
      if (get().selectedId === id) set({ detail, detailError: null });
    } catch (error) {
      if (get().selectedId === id) set({ detail: null, detailError: describeError(error).message });
    }
  },
  async remove(id) {
    await unwrap(studioApi().historyDelete({ id }));
    useStudio.getState().forgetGeneration(id);
    if (get().selectedId === id) set({ selectedId: null, detail: null });
    await get().load();
  },
}));
