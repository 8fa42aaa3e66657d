// Whether browser mode's server answers this page; App.svelte says so in words when it does not.
import { onLink, type Link } from '../lib/api-client';

class ConnectionState {
  link = $state<Link>('up');

  listen(): () => void {
    return onLink((link) => (this.link = link));
  }
}

export const connection = new ConnectionState();
