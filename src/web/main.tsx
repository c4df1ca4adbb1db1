// Placeholder entry: the app shell is being written.
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<p>AOE Dashboard</p>);
