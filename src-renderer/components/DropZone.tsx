import { useRef, useState, type ReactNode } from 'react';

/**
 * Drop files here or choose them with the picker. Either way the page holds File objects only;
 * the preload turns them into paths for main, which re-checks them.
 */
export function DropZone(props: {
  id: string;
  title: string;
  hint: ReactNode;
  accept: string;
  multiple: boolean;
  buttonLabel: string;
  disabled?: boolean;
  onFiles(files: File[]): void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  return (
    <div
      className={`drop-zone${over ? ' over' : ''}`}
      data-testid={props.id}
      role="group"
      aria-labelledby={`${props.id}-title`}
      aria-describedby={`${props.id}-hint`}
      onDragEnter={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (props.disabled) return;
        const files = Array.from(event.dataTransfer.files);
        if (files.length > 0) props.onFiles(props.multiple ? files : files.slice(0, 1));
      }}
    >
      <p className="drop-title" id={`${props.id}-title`}>
        {props.title}
      </p>
      <p className="drop-hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      <button type="button" className="button" disabled={props.disabled} onClick={() => inputRef.current?.click()}>
        {props.buttonLabel}
      </button>
      <input
        ref={inputRef}
        className="visually-hidden"
        type="file"
        tabIndex={-1}
        aria-label={props.buttonLabel}
        data-testid={`${props.id}-input`}
        accept={props.accept}
        multiple={props.multiple}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
    </div>
  );
}
