import { Icon } from '../icons.tsx';

// The player's own controls; play, previous and next reuse the shared icons.

export const PauseIcon = () => (
  <Icon>
    <path d="M7 4.5v11M13 4.5v11" />
  </Icon>
);
export const LoopIcon = () => (
  <Icon>
    <path d="M4 9V8a3 3 0 0 1 3-3h8.5M13 2.5 15.5 5 13 7.5" />
    <path d="M16 11v1a3 3 0 0 1-3 3H4.5M7 17.5 4.5 15 7 12.5" />
  </Icon>
);
export const CaptionsIcon = () => (
  <Icon>
    <rect x="2.5" y="4.5" width="15" height="11" rx="2" />
    <path d="M9 8.5a2 2 0 1 0 0 3M14.5 8.5a2 2 0 1 0 0 3" />
  </Icon>
);
/** A screen with a play mark: the animatic, told apart from Generate's play arrow. */
export const AnimaticIcon = () => (
  <Icon>
    <rect x="2.5" y="4" width="15" height="12" rx="2" />
    <path d="M8.5 7.5v5l4-2.5z" />
  </Icon>
);
