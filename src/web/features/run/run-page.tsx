// The "one run" page: summary, operators, knowledge base and profile join of one tuning task.
import { useParams } from 'react-router';

export function RunPage() {
  const { fileId = '', task = '' } = useParams();
  return (
    <section data-testid="run-page" data-file-id={fileId} data-task={task}>
      <h1>{task}</h1>
    </section>
  );
}
