// The "where the time goes" page of one profile: per-type totals and the top operators.
import { useParams } from 'react-router';

export function ProfilePage() {
  const { fileId = '' } = useParams();
  return <section data-testid="profile-page" data-file-id={fileId} />;
}
