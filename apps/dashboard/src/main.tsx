document.getElementById('root')!.textContent = 'wharf dashboard';
