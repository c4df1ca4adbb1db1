// What a page keyed by a workspace file shows when the file is not there: "loading" while the
// saved workspace is still being restored, then "not found" with a way back to the workspace.
import { Link } from 'react-router';

export function MissingFile(props: {
  readonly hydrated: boolean;
  readonly className: string;
  readonly loading: string;
  readonly notFound: string;
  readonly back: string;
}) {
  if (!props.hydrated)
    return (
      <p className="muted" role="status">
        {props.loading}
      </p>
    );
  return (
    <section className={props.className}>
      <p role="alert">{props.notFound}</p>
      {/* In a paragraph: the page's own layout (a grid) would stretch the button to its width. */}
      <p>
        <Link className="button primary" to="/">
          {props.back}
        </Link>
      </p>
    </section>
  );
}
