import { useEffect, useId, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { studioApi, unwrap } from '../api/client';
import { describeError } from '../api/errorText';
import { formatDuration } from '../format';
import { readStyleNonce } from './styleNonce';

type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; message: string };

function themeColour(element: HTMLElement, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/**
 * The waveform of one generation with play/pause and a seek slider. The WAV bytes come from main
 * (historyAudio) and play from a blob: URL, the only media source the CSP allows.
 */
export function Waveform({ generationId, label }: { generationId: string; label: string }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const surferRef = useRef<WaveSurfer | null>(null);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const seekId = useId();

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let disposed = false;
    let surfer: WaveSurfer | null = null;
    setLoad({ status: 'loading' });
    setPlaying(false);
    setTime(0);
    setDuration(0);

    (async () => {
      const audio = await unwrap(studioApi().historyAudio({ id: generationId }));
      if (disposed) return;
      const blob = new Blob([audio.bytes as Uint8Array<ArrayBuffer>], { type: audio.mime });
      surfer = WaveSurfer.create({
        container,
        height: 96,
        waveColor: themeColour(container, '--wave', '#8a93a6'),
        progressColor: themeColour(container, '--wave-progress', '#3867d6'),
        cursorColor: themeColour(container, '--wave-cursor', '#1e2a44'),
        barWidth: 2,
        barGap: 1,
        barRadius: 2,
        normalize: true,
        dragToSeek: true,
        cspNonce: readStyleNonce(),
      });
      surferRef.current = surfer;
      surfer.on('ready', (seconds) => {
        setDuration(seconds);
        setLoad({ status: 'ready' });
      });
      surfer.on('timeupdate', (seconds) => setTime(seconds));
      surfer.on('play', () => setPlaying(true));
      surfer.on('pause', () => setPlaying(false));
      surfer.on('finish', () => setPlaying(false));
      await surfer.loadBlob(blob);
    })().catch((error: unknown) => {
      if (!disposed) setLoad({ status: 'failed', message: describeError(error).message });
    });

    return () => {
      disposed = true;
      surferRef.current = null;
      surfer?.destroy();
    };
  }, [generationId]);

  const ready = load.status === 'ready';
  return (
    <div className="waveform" data-state={load.status} data-playing={playing ? 'true' : 'false'}>
      <div className="waveform-canvas" ref={containerRef} aria-hidden="true" />
      {load.status === 'loading' && <p className="waveform-overlay">Loading audio…</p>}
      {load.status === 'failed' && (
        <p className="waveform-overlay error" role="alert">
          {load.message}
        </p>
      )}
      <div className="player-controls">
        <button
          type="button"
          className="button primary"
          disabled={!ready}
          onClick={() => void surferRef.current?.playPause()}
          aria-label={playing ? `Pause ${label}` : `Play ${label}`}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <label className="visually-hidden" htmlFor={seekId}>
          Position in {label}
        </label>
        <input
          id={seekId}
          className="seek"
          type="range"
          min={0}
          max={duration || 0}
          step={0.05}
          value={Math.min(time, duration)}
          disabled={!ready}
          aria-valuetext={`${formatDuration(time)} of ${formatDuration(duration)}`}
          onChange={(event) => surferRef.current?.setTime(Number(event.target.value))}
        />
        <span className="time" aria-hidden="true">
          {formatDuration(time)} / {formatDuration(duration)}
        </span>
      </div>
    </div>
  );
}
