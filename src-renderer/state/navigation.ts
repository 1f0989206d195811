import { create } from 'zustand';

export const VIEWS = ['studio', 'history', 'check', 'voices', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<View, string> = {
  studio: 'Studio',
  history: 'History',
  check: 'Check',
  voices: 'Voices',
  settings: 'Settings',
};

interface NavigationState {
  view: View;
  show(view: View): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  view: 'studio',
  show: (view) => set({ view }),
}));
