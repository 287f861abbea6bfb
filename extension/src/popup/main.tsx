import { render } from 'preact';
import '../shared/page.css';
import { Popup } from './Popup';

render(<Popup />, document.getElementById('app')!);
