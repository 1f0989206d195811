import type { ReactNode } from 'react';

/** A form control under its label: `htmlFor` is the control's id; `children` is the control and any hint below it. */
export function FormField(props: { label: string; htmlFor: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={props.wide ? 'field wide' : 'field'}>
      <label className="field-label" htmlFor={props.htmlFor}>
        {props.label}
      </label>
      {props.children}
    </div>
  );
}
