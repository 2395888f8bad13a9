// The Ink component of `ccmeter watch`: the frame (frame.ts) sized to the terminal, redrawn on resize, and
// the keys: q (or Ctrl-C) quits, r re-reads the logs. Written with React.createElement: Node runs these sources
// without a JSX step.
import { Box, Text, useInput, useWindowSize } from 'ink';
import React from 'react';
import type { WatchView } from '../../app/watch.ts';
import { painter, type Painter } from '../render/style.ts';
import { buildFrame, type Segment } from './frame.ts';

const h = React.createElement;

export interface ScreenProps {
  view: WatchView;
  /** A short note in the header: "reading logs…", a failed update. */
  status: string;
  color: boolean;
  /** False when stdin is not a terminal (no raw mode): only signals stop the view then. */
  keys: boolean;
  onQuit(): void;
  onRefresh(): void;
}

export function WatchScreen(p: ScreenProps): React.ReactElement {
  const { columns, rows } = useWindowSize();
  useInput(
    (input, key) => {
      if (input === 'q' || input === 'Q' || (key.ctrl && input === 'c')) p.onQuit();
      else if (input === 'r' || input === 'R') p.onRefresh();
    },
    { isActive: p.keys },
  );
  const lines = buildFrame(p.view, { width: columns, height: rows }, p.status);
  // one Text per line, its colours as ANSI codes: a few dozen nodes for React and Yoga, not hundreds; the box
  // fills the screen, so a short frame still starts on the top row
  const paint = painter(p.color);
  return h(
    Box,
    { flexDirection: 'column', width: columns, height: rows },
    ...lines.map((segments, i) => h(Text, { key: i, wrap: 'truncate-end' }, segments.length === 0 ? ' ' : segments.map((seg) => styled(paint, seg)).join(''))),
  );
}

function styled(p: Painter, seg: Segment): string {
  const text = seg.color ? p.paint(seg.color, seg.text) : seg.text;
  return seg.bold ? p.paint('bold', text) : text;
}
